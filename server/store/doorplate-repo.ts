// 户码's part of the Store: one doorplate per household, its random code unique (a unique index
// on both adapters). Implemented by server/store/sqlite/doorplates.ts and cloud/doorplates.ts.

/** A household's doorplate: the code printed on its door. */
export interface DoorplateRecord {
  householdId: string
  /** The random token (server/doorplate/plate-code.ts); unique. */
  code: string
  issuedAt: number
  /** When its plate was last printed; null while never printed. */
  printedAt: number | null
  /** WeChat: the 小程序码 of this code, cached in cloud storage; null until made. */
  imageFileId: string | null
}

/** Store.doorplates */
export interface DoorplateRepo {
  byCode(code: string): Promise<DoorplateRecord | null>
  /** The plates of these households that exist, in no particular order. */
  of(householdIds: readonly string[]): Promise<DoorplateRecord[]>
  /**
   * Writes plates for households that have none; a household that already has one keeps it.
   * Answers how many were written. A code already taken throws UniqueViolation.
   */
  issue(plates: readonly DoorplateRecord[]): Promise<number>
  /** Replaces a household's code (its cached image goes with it); false when it has no plate. */
  reissue(householdId: string, code: string, at: number): Promise<boolean>
  markPrinted(householdIds: readonly string[], at: number): Promise<void>
  /** Caches the 小程序码 of a plate, only while its code is still `code`. */
  setImage(householdId: string, code: string, fileId: string): Promise<void>
  /**
   * Households without a plate, by id, looking at households after `afterId` (at most `limit`
   * of them); `scannedTo` is the last household looked at, null when the end was reached.
   */
  unplated(q: { afterId: string | null; limit: number }): Promise<{
    ids: string[]
    scannedTo: string | null
  }>
}
