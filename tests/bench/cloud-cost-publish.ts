// The publish job's cost on the cloud database at a given size (issue 20): builds the county over
// the local CloudBase emulator (tests/emulator, the real wx-server-sdk), publishes its open round
// as the job the timer drains, kills one tick part-way, resumes, and reports every invocation's
// requests and time, and whether the lists equal the rules' one-go result.
//
//   tsx tests/bench/cloud-cost-publish.ts 60000      prints the JSON
//
// The cloud cost benchmark (`npm run bench:cloud-cost`) calls measurePublish for its "publish".
import { startedEmulator } from '../emulator/harness'
import { runPublishJob } from '../helpers/publish-run'

export interface PublishFigures {
  households: number
  invocations: number
  maxRequestsPerInvocation: number
  maxMsPerInvocation: number
  resumedAfterKill: boolean
  sameLists: boolean
}

/** Requests into the ticks after which one invocation is killed. */
const KILL_AFTER = 120

export async function measurePublish(households: number): Promise<PublishFigures> {
  const run = await runPublishJob(households, { killAfter: KILL_AFTER })
  try {
    return {
      households,
      invocations: run.invocations.length,
      maxRequestsPerInvocation: Math.max(...run.invocations.map((i) => i.requests)),
      maxMsPerInvocation: Math.max(...run.invocations.map((i) => i.ms)),
      resumedAfterKill: run.resumedAfterKill,
      sameLists:
        run.lines.length === run.expected.length &&
        run.lines.every((l, i) => l === run.expected[i]),
    }
  } finally {
    await run.store.close()
  }
}

const isMain = process.argv[1] !== undefined && /cloud-cost-publish\.ts$/.test(process.argv[1])
if (isMain) {
  const households = Number(process.argv[2] ?? 300)
  measurePublish(households)
    .then(async (figures) => {
      process.stdout.write(`${JSON.stringify(figures)}\n`)
      await startedEmulator()?.close()
      process.exit(0)
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`)
      process.exit(1)
    })
}
