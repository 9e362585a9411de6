import type { Role } from '@contract/index'
import type { MeUser } from '@contract/people'

export const roleNames: Record<Role, string> = {
  visitor: '游客',
  resident: '村民',
  gridWorker: '网格员',
  admin: '镇管理员',
}

export type Relation = NonNullable<MeUser['household']>['relation']

export const relationNames: Record<Relation, string> = {
  head: '户主本人',
  member: '家庭成员',
}
