// The demo town's 新时代文明实践: a 实践所 in the township and 实践站 in the villages, with past
// activities (people checked in, hours credited) and upcoming ones (people signed up, one full
// with a waiting list). Built relative to the seed's clock and loaded through the Store's own
// methods, so the demo's counters and lists are what the rules would have made.
import { creditedMinutes, DAY, HOUR } from '../activities/activities.rules'
import { newVolunteerCode } from '../activities/activity-access'
import { inShanghai } from '../../contract/time'
import type { ActivityRecord, Snapshot, Store } from '../store/store'
import { demoPhotoUrl } from './demo-photos'

interface DemoActivity {
  key: string
  station: string
  type: ActivityRecord['type']
  title: string
  description: string
  place: string
  /** Days from the seed's day (negative: past), and the local start hour and length. */
  day: number
  hour: number
  minutes: number
  capacity: number
  /** DEMO_VILLAGES indexes; empty for the township. */
  villages: number[]
  /** Openids signed up, in order; `present` were checked in. */
  people: string[]
  present: string[]
  photos: number[]
}

const TOWN = '青禾镇新时代文明实践所'

export const DEMO_ACTIVITIES: readonly DemoActivity[] = [
  {
    key: 'lecture',
    station: TOWN,
    type: 'lecture',
    title: '党的二十大精神宣讲进村',
    description: '镇宣讲团用身边事讲清楚党的二十大精神，讲完留出时间回答大家的问题。',
    place: '镇文化站多功能厅',
    day: -20,
    hour: 14,
    minutes: 120,
    capacity: 60,
    villages: [],
    people: ['demo-resident-1', 'demo-resident-3', 'demo-resident-4', 'seed-resident-1-1'],
    present: ['demo-resident-1', 'demo-resident-3', 'demo-resident-4', 'seed-resident-1-1'],
    photos: [0, 1],
  },
  {
    key: 'cleanup',
    station: '柳家村新时代文明实践站',
    type: 'volunteer',
    title: '清理村道和沟渠',
    description: '清理主村道两侧垃圾和排水沟渠，村委会准备手套、扫帚和垃圾车。',
    place: '柳家村村委会门口集合',
    day: -10,
    hour: 8,
    minutes: 150,
    capacity: 20,
    villages: [0],
    people: ['demo-resident-1', 'demo-resident-2', 'seed-resident-1-2', 'seed-resident-1-3'],
    present: ['demo-resident-1', 'demo-resident-2', 'seed-resident-1-2'],
    photos: [2, 3],
  },
  {
    key: 'reading',
    station: '石坪村新时代文明实践站',
    type: 'library',
    title: '农家书屋读书会',
    description: '一起读《乡土中国》选段，聊聊老人们记得的村里旧事。',
    place: '石坪村农家书屋',
    day: -35,
    hour: 15,
    minutes: 90,
    capacity: 15,
    villages: [1],
    people: ['demo-resident-3', 'seed-resident-2-1'],
    present: ['demo-resident-3', 'seed-resident-2-1'],
    photos: [4],
  },
  {
    key: 'family',
    station: '柳家村新时代文明实践站',
    type: 'moralClass',
    title: '道德讲堂：好家风故事会',
    description: '请村里的文明家庭讲讲自家的家风家训，欢迎带孩子一起来听。',
    place: '柳家村文化活动室',
    day: 3,
    hour: 19,
    minutes: 90,
    capacity: 30,
    villages: [0],
    people: ['demo-resident-2', 'seed-resident-1-4'],
    present: [],
    photos: [],
  },
  {
    key: 'dance',
    station: TOWN,
    type: 'culture',
    title: '广场舞展演排练',
    description: '元旦展演前的排练，名额有限，报满后可以候补。',
    place: '镇文化广场',
    day: 7,
    hour: 19,
    minutes: 120,
    capacity: 3,
    villages: [],
    people: ['seed-resident-1-5', 'seed-resident-2-2', 'seed-resident-3-1', 'demo-resident-4'],
    present: [],
    photos: [],
  },
  {
    key: 'elders',
    station: '槐树村新时代文明实践站',
    type: 'volunteer',
    title: '关爱独居老人',
    description: '上门帮独居老人打扫卫生、检查电路、聊聊天。',
    place: '槐树村村委会集合',
    day: 5,
    hour: 9,
    minutes: 180,
    capacity: 10,
    villages: [2],
    people: ['demo-resident-4'],
    present: [],
    photos: [],
  },
]

/** Loads the demo activities into a store that holds `township`, as of `now`. */
export async function seedDemoActivities(
  store: Store,
  township: Snapshot,
  now: number,
): Promise<void> {
  const users = new Map(township.users.map((u) => [u.openid, u]))
  const households = new Map(township.households.map((h) => [h.id, h]))
  const homeOf = new Map(
    township.bindings
      .filter((b) => b.status === 'approved')
      .map((b) => [b.userId, households.get(b.householdId)]),
  )
  const admin = township.users.find((u) => u.staffRole === 'admin')
  const villages = [...township.villages].sort((a, b) => a.sort - b.sort)
  if (!admin) return
  const today = inShanghai(now).startOf('day').valueOf()
  await store.unitOfWork(async () => {
    for (const d of DEMO_ACTIVITIES) {
      const startsAt = today + d.day * DAY + d.hour * HOUR
      const endsAt = startsAt + d.minutes * 60_000
      const id = `act-demo-${d.key}`
      const signupDeadline = startsAt - 12 * HOUR
      const createdAt = Math.min(now, startsAt) - 10 * DAY
      await store.activities.create({
        id,
        station: d.station,
        type: d.type,
        title: d.title,
        description: d.description,
        pictures: d.photos.map(demoPhotoUrl),
        place: d.place,
        startsAt,
        endsAt,
        signupDeadline,
        capacity: d.capacity,
        villageIds: d.villages.flatMap((i) => (villages[i] ? [villages[i].id] : [])),
        createdBy: admin.id,
        createdAt,
        updatedAt: createdAt,
        cancelledAt: null,
        cancelReason: null,
        remindedAt: null,
        creditedAt: null,
        noticeId: null,
      })
      let at = createdAt
      for (const openid of d.people) {
        const user = users.get(openid)
        const home = user ? homeOf.get(user.id) : undefined
        if (!user || !home) continue
        at += HOUR
        await store.activities.signUp({
          activityId: id,
          userId: user.id,
          householdId: home.id,
          villageId: home.villageId,
          now: at,
        })
        await store.activities.ensureCode(user.id, newVolunteerCode(), at)
        if (d.present.includes(openid))
          await store.activities.checkIn(`${id}:${user.id}`, {
            present: true,
            at: startsAt,
            by: admin.id,
            minutes: null,
          })
      }
      if (endsAt <= now) {
        await store.activities.claimReminder(id, startsAt - DAY)
        await store.activities.credit(id, creditedMinutes(startsAt, endsAt), endsAt)
      }
    }
  }, 'write')
}
