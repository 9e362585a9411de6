// The privacy sweep (tests/helpers/privacy-sweep.ts) as nobody signed in and as a visitor.
import { describePrivacySweep } from '../helpers/privacy-sweep'

describePrivacySweep({
  callers: [null, 'demo-visitor'],
  mustAnswer: ['demo-visitor campaigns.candidates'],
})
