// Reading a script aloud: in the weapp through WeChat's 同声传译 plugin (textToSpeech, declared
// in app.config when TARO_APP_WECHATSI=1), in H5 through the browser's speechSynthesis. Where
// neither is there, `speaker()` is null and the page shows the script in large text instead.
import Taro from '@tarojs/taro'
import { speechPieces } from '@/features/bulletin/components/read-aloud'

export interface Speaker {
  /** Reads `text`; resolves when it has finished, rejects when the device cannot. */
  speak(text: string): Promise<void>
  stop(): void
}

interface WechatSI {
  textToSpeech(options: {
    lang: string
    content: string
    success: (res: { filename: string }) => void
    fail: (error: unknown) => void
  }): void
}

declare const requirePlugin: ((name: string) => unknown) | undefined

function wechatSpeaker(): Speaker | null {
  let plugin: WechatSI | null = null
  try {
    plugin = typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as WechatSI) : null
  } catch {
    plugin = null
  }
  if (!plugin?.textToSpeech) return null
  const si = plugin
  const audio = Taro.createInnerAudioContext()
  let stopped = false
  const synthesize = (content: string) =>
    new Promise<string>((resolve, reject) =>
      si.textToSpeech({
        lang: 'zh_CN',
        content,
        success: (r) => resolve(r.filename),
        fail: reject,
      }),
    )
  const play = (src: string) =>
    new Promise<void>((resolve, reject) => {
      audio.src = src
      audio.onEnded(() => resolve())
      audio.onError((e) => reject(e))
      audio.play()
    })
  return {
    async speak(text) {
      stopped = false
      for (const piece of speechPieces(text)) {
        if (stopped) return
        await play(await synthesize(piece))
      }
    },
    stop() {
      stopped = true
      audio.stop()
    },
  }
}

function browserSpeaker(): Speaker | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null
  if (typeof SpeechSynthesisUtterance === 'undefined') return null
  const synth = window.speechSynthesis
  return {
    speak(text) {
      synth.cancel()
      const pieces = speechPieces(text)
      return new Promise<void>((resolve, reject) => {
        pieces.forEach((piece, i) => {
          const u = new SpeechSynthesisUtterance(piece)
          u.lang = 'zh-CN'
          u.rate = 0.9
          u.onerror = (e) => reject(new Error(e.error))
          if (i === pieces.length - 1) u.onend = () => resolve()
          synth.speak(u)
        })
        if (pieces.length === 0) resolve()
      })
    },
    stop: () => synth.cancel(),
  }
}

/** The device's way to read aloud, or null when it has none. */
export function speaker(): Speaker | null {
  if (process.env.TARO_ENV === 'weapp') return wechatSpeaker()
  if (process.env.TARO_ENV === 'h5') return browserSpeaker()
  return null
}
