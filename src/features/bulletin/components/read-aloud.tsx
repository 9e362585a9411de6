import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import './read-aloud.scss'

/** The browser's speech synthesis: H5 only, and only where the browser has it. */
function speech(): SpeechSynthesis | null {
  if (process.env.TARO_ENV !== 'h5') return null
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null
  if (typeof SpeechSynthesisUtterance === 'undefined') return null
  return window.speechSynthesis
}

/** A Mandarin voice if the device has one; otherwise lang 'zh-CN' lets the browser choose. */
function chineseVoice(synth: SpeechSynthesis): SpeechSynthesisVoice | undefined {
  const voices = synth.getVoices()
  const lang = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase()
  return voices.find((v) => lang(v) === 'zh-cn') ?? voices.find((v) => lang(v).startsWith('zh'))
}

// Chrome cuts an utterance off after about 15 seconds: the text goes out in short pieces,
// sentence by sentence, queued one after another.
const PIECE_LENGTH = 100

/** Splits text into sentences, joined back up to PIECE_LENGTH characters a piece. */
export function speechPieces(text: string): string[] {
  const sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;]*/g) ?? []
  const pieces: string[] = []
  let piece = ''
  for (const raw of sentences) {
    const trimmed = raw.trim()
    if (!trimmed) continue
    // A title or a line without a full stop still gets its pause when joined to the next.
    const sentence = /[。！？；!?;]$/.test(trimmed) ? trimmed : `${trimmed}。`
    if (piece && piece.length + sentence.length > PIECE_LENGTH) {
      pieces.push(piece)
      piece = ''
    }
    piece += sentence
    while (piece.length > PIECE_LENGTH) {
      pieces.push(piece.slice(0, PIECE_LENGTH))
      piece = piece.slice(PIECE_LENGTH)
    }
  }
  if (piece) pieces.push(piece)
  return pieces
}

/** 朗读: reads `text` aloud in Mandarin, a little slower than usual; 停止 ends it. */
export function ReadAloud({ text }: { text: string }) {
  const [speaking, setSpeaking] = useState(false)
  const [cannot, setCannot] = useState(false)
  // Which reading is current: events from a cancelled one arrive late and are ignored.
  const reading = useRef(0)
  useEffect(() => {
    const current = reading
    return () => {
      current.current += 1
      speech()?.cancel()
    }
  }, [])
  const synth = speech()
  if (!synth) return null

  const stop = () => {
    reading.current += 1
    synth.cancel()
    setSpeaking(false)
  }
  const start = () => {
    synth.cancel()
    const id = ++reading.current
    const ended = () => {
      if (reading.current === id) setSpeaking(false)
    }
    const failed = (event: SpeechSynthesisErrorEvent) => {
      if (reading.current !== id) return
      // One piece failing (no voice on the device, say) ends the whole reading, and says so.
      reading.current += 1
      synth.cancel()
      setSpeaking(false)
      setCannot(event.error !== 'interrupted' && event.error !== 'canceled')
    }
    const voice = chineseVoice(synth)
    const pieces = speechPieces(text)
    // Set before speaking: an error the browser reports at once must have the last word.
    setCannot(false)
    setSpeaking(pieces.length > 0)
    pieces.forEach((piece, i) => {
      const utterance = new SpeechSynthesisUtterance(piece)
      utterance.lang = 'zh-CN'
      utterance.rate = 0.9
      if (voice) utterance.voice = voice
      utterance.onerror = failed
      if (i === pieces.length - 1) utterance.onend = ended
      synth.speak(utterance)
    })
  }

  return (
    <View className='read-aloud'>
      {speaking ? (
        <Button type='primary' className='read-aloud__button' onClick={stop}>
          停止
        </Button>
      ) : (
        <Button type='primary' fill='outline' className='read-aloud__button' onClick={start}>
          朗读
        </Button>
      )}
      <Text className='read-aloud__hint'>
        {speaking ? '正在朗读…' : cannot ? '这台手机暂时不能朗读' : '听手机读这篇公告'}
      </Text>
    </View>
  )
}
