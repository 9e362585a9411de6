import type { Role } from '@contract/index'

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
