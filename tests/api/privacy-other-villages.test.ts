// The privacy sweep (tests/helpers/privacy-sweep.ts) as residents of 石坪村 and 槐树村
// (槐树村's on SQLite only: the same situation as 石坪村's, see sqliteOnly).
import { describePrivacySweep } from '../helpers/privacy-sweep'

describePrivacySweep({
  callers: ['demo-resident-3', 'demo-resident-4'],
  sqliteOnly: ['demo-resident-4'],
  mustAnswer: [
    'demo-resident-3 board.list',
    'demo-resident-3 board.inspection',
    'demo-resident-4 board.list',
  ],
})
