// Pure rules about people: roles, what a caller may see, how names are masked.
import type { Role } from '../../contract'
import type { Caller } from '../context'
import type { BindingRecord, UserRecord } from '../store/store'

/** An appointed role wins; otherwise an approved binding makes a resident. */
export function roleOf(user: UserRecord, binding: BindingRecord | null): Role {
  if (user.staffRole) return user.staffRole
  return binding?.status === 'approved' ? 'resident' : 'visitor'
}

/**
 * Villages whose village-scoped content the caller sees, besides township-wide content;
 * null means every village (admins).
 */
export function visibleVillageIds(caller: Caller | null): string[] | null {
  if (!caller) return []
  if (caller.role === 'admin') return null
  const own = caller.household ? [caller.household.villageId] : []
  return [...new Set([...own, ...caller.gridVillageIds])]
}

/**
 * Masks a personal name for public lists (PIPL): 张小明 → 张*明, 张明 → 张*, 欧阳小明 → 欧**明.
 * The first and last characters stay so that neighbours recognise the household, no more.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return chars[0] ?? ''
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * Masks a phone number for staff lists, where it only helps tell people apart (PIPL): a mobile
 * keeps its first 3 and last 4 digits (138****5678), a landline its area code and last 4
 * (0571-****3456); anything else only its last 4. The full number stays in 户籍管理.
 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null
  const p = phone.trim()
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`
  const landline = /^(0\d{2,3}-?)(\d{7,8})$/.exec(p)
  if (landline) {
    const [, area = '', local = ''] = landline
    return `${area}${'*'.repeat(local.length - 4)}${local.slice(-4)}`
  }
  const digits = p.replace(/\D/g, '')
  if (digits.length === 0) return null
  return digits.length <= 4 ? '*'.repeat(digits.length) : `****${digits.slice(-4)}`
}

/** Grids whose households the caller may act on: all for admins (null), their own for grid workers. */
export function gridScope(caller: Caller): string[] | null {
  if (caller.role === 'admin') return null
  return caller.role === 'gridWorker' ? caller.gridIds : []
}

/** Whether the caller may act on a village as staff (admins anywhere, grid workers where they serve a grid). */
export function inVillageScope(caller: Caller, villageId: string): boolean {
  if (caller.role === 'admin') return true
  return caller.role === 'gridWorker' && caller.gridVillageIds.includes(villageId)
}

/** Whether the caller may act on a household of this grid (admins anywhere, grid workers in theirs). */
export function inGridScope(caller: Caller, gridId: string): boolean {
  const scope = gridScope(caller)
  return scope === null || scope.includes(gridId)
}
