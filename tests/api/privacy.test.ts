// The black list stays masked whatever a resident or visitor combines. Not one case but the
// property: as each of them, every read action of the contract is called with valid inputs
// built from the demo township (every page followed), every string of every answer is
// collected, and no black-listed household's full name may be joined to its masked line or
// stand beside its 门牌号 unless the caller is that household. A new read action without an
// input builder (tests/helpers/privacy-sweep.ts) fails the test, so a future leak cannot slip
// past by being forgotten.
// This file: 柳家村's two residents of one household (the reproduced case among them; the
// second on SQLite only, see sqliteOnly); the others are in privacy-visitors.test.ts and
// privacy-other-villages.test.ts.
import { describePrivacySweep } from '../helpers/privacy-sweep'

describePrivacySweep({
  callers: ['demo-resident-1', 'demo-resident-2'],
  sqliteOnly: ['demo-resident-2'],
  mustAnswer: ['demo-resident-1 campaigns.nominees', 'demo-resident-1 board.inspection'],
  structural: true,
})
