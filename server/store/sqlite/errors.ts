import { UniqueViolation } from '../store'

/** Runs a write, turning SQLite's UNIQUE failures into the store's UniqueViolation. */
export function guardUnique<T>(write: () => T): T {
  try {
    return write()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new UniqueViolation(error instanceof Error ? error.message : String(error))
    }
    throw error
  }
}
