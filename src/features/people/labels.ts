import type { Role } from '@contract/index'

export const roleNames: Record<Role, string> = {
  visitor: '游客',
  resident: '村民',
  gridWorker: '网格员',
  admin: '镇管理员',
}
