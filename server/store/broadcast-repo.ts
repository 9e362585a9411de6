// 大喇叭's part of the Store: edited scripts, and each village's 广播安排 (one play per village,
// day and notice: its id says so, a primary key on both adapters).
import type { Keyset, Page } from './common'

/** A 广播稿 saved by staff. */
export interface ScriptRecord {
  noticeId: string
  text: string
  updatedBy: string
  updatedAt: number
}

/** A notice's script on a village's loudspeaker on a day. */
export interface PlayRecord {
  /** `bc:${villageId}:${day}:${noticeId}`: scheduled once. */
  id: string
  villageId: string
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  day: string
  noticeId: string
  scheduledBy: string
  createdAt: number
  playedAt: number | null
  playedBy: string | null
}

export interface PlayView extends PlayRecord {
  villageName: string
  title: string
}

/** Store.broadcast */
export interface BroadcastRepo {
  script(noticeId: string): Promise<ScriptRecord | null>
  /** Inserts or replaces the notice's script. */
  saveScript(record: ScriptRecord): Promise<void>
  clearScript(noticeId: string): Promise<void>
  /** Adds plays not scheduled yet (same id); answers how many were added. */
  schedule(plays: readonly PlayRecord[]): Promise<number>
  play(id: string): Promise<PlayView | null>
  /** Removes a play not yet played; false otherwise. */
  unschedule(id: string): Promise<boolean>
  /** Marks a play played, only while it is not; false otherwise. */
  markPlayed(id: string, at: number, by: string): Promise<boolean>
  /** A village's plays on days in [from, to] (to null: no end), by day then id. */
  plays(q: {
    villageId: string
    from: string
    to: string | null
    after?: Keyset
    limit: number
  }): Promise<Page<PlayView>>
  /** Per village, plays scheduled and played on days in [from, to]; villages without any left out. */
  month(q: {
    from: string
    to: string
  }): Promise<{ villageId: string; scheduled: number; played: number }[]>
}
