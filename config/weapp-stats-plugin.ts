// Writes webpack's module list (id → name, source size, chunks) of a weapp build to a JSON file,
// for `npm run size:weapp`. Only used when the WEAPP_STATS environment variable names the file.
import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

export const WEAPP_STATS_ENV = 'WEAPP_STATS'

export class WeappStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler) {
    compiler.hooks.done.tap('WeappStatsPlugin', (stats) => {
      const json = stats.toJson({
        all: false,
        ids: true,
        modules: true,
        modulesSpace: Infinity,
        nestedModules: true,
        nestedModulesSpace: Infinity,
        chunks: true,
        chunkModules: false,
      })
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(json))
    })
  }
}
