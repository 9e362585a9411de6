import type { Role } from '../../contract'
import { DEMO_VILLAGES } from './demo-content'

export interface DemoAccount {
  openid: string
  nickname: string
  role: Role
  /** Index into DEMO_VILLAGES: the village a grid worker serves or a resident lives in. */
  village?: number
  /** A resident's binding: as the household's head (户主本人) or as a family member. */
  relation?: 'head' | 'member'
  /** A head's own name: the seed gives their household this 户主姓名, so pages agree. */
  headName?: string
  /** A member of the household of this (head) account, rather than of a household of their own. */
  memberOf?: string
}

/** The accounts the dev login offers; the seed creates and binds them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { openid: 'demo-admin', nickname: '镇宣传办 王主任', role: 'admin' },
  { openid: 'demo-grid-1', nickname: '网格员 李红梅', role: 'gridWorker', village: 0 },
  { openid: 'demo-grid-2', nickname: '网格员 赵建国', role: 'gridWorker', village: 1 },
  {
    openid: 'demo-resident-1',
    nickname: '村民 张大爷',
    role: 'resident',
    village: 0,
    relation: 'head',
    headName: '张德顺',
  },
  {
    openid: 'demo-resident-2',
    nickname: '村民 刘阿姨',
    role: 'resident',
    village: 0,
    relation: 'member',
    memberOf: 'demo-resident-1',
  },
  {
    openid: 'demo-resident-3',
    nickname: '村民 陈师傅',
    role: 'resident',
    village: 1,
    relation: 'head',
    headName: '陈国强',
  },
  {
    openid: 'demo-resident-4',
    nickname: '村民 周小芳',
    role: 'resident',
    village: 2,
    relation: 'member',
  },
  { openid: 'demo-visitor', nickname: '游客 小林', role: 'visitor' },
]

const roleNames: Record<Role, string> = {
  admin: '镇管理员',
  gridWorker: '网格员',
  resident: '村民（已绑定户）',
  visitor: '游客（未绑定）',
}

/** For a member of a demo head's household: whose household it is. */
const headOf = (account: DemoAccount) => {
  const head = DEMO_ACCOUNTS.find((a) => a.openid === account.memberOf)?.headName
  return head ? `（户主 ${head}）` : ''
}

/** One line telling a demo user what the account can do. */
export function describeDemoAccount(account: DemoAccount): string {
  const village = account.village === undefined ? undefined : DEMO_VILLAGES[account.village]?.name
  if (account.role === 'admin') return `${roleNames.admin}：管理全镇内容、评选与红黑榜`
  if (account.role === 'gridWorker')
    return `${roleNames.gridWorker}：负责${village}，可发布本村公告`
  if (account.role === 'resident') {
    return account.relation === 'head'
      ? `${village}${roleNames.resident}，户主本人（${account.headName}）：可提名、投票，可设置红榜是否显示户主全名`
      : `${village}${roleNames.resident}，家庭成员${headOf(account)}：可提名、投票；红榜是否显示户主全名由户主设置`
  }
  return `${roleNames.visitor}：只能浏览全镇公开内容`
}
