import type { Role } from '@contract/index'
import type { PersonHousehold } from '@contract/people'

export const roleNames: Record<Role, string> = {
  visitor: '游客',
  resident: '村民',
  gridWorker: '网格员',
  admin: '镇管理员',
}

export const relationNames: Record<'head' | 'member', string> = {
  head: '户主本人',
  member: '家庭成员',
}

/** Where the staff pages live (the `packages/staff` subpackage). */
export const staffPageUrl = (page: string, query?: Record<string, string>) => {
  const search = query
    ? `?${Object.entries(query)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('&')}`
    : ''
  return `/packages/staff/pages/${page}/index${search}`
}

/** Grid workers and admins: who may use the staff tools. */
export const isStaffRole = (role: Role | undefined) => role === 'gridWorker' || role === 'admin'

/**
 * A person's household in one line, so that staff pick the right one of several with the same
 * name: 柳家村 东街11号 · 户主 张三 · 138****5678 (the phone comes masked from the server).
 */
export const personLine = (h: PersonHousehold) =>
  [`${h.villageName} ${h.houseNo}`, `户主 ${h.headName}`, h.maskedPhone ?? '未登记电话'].join(' · ')
