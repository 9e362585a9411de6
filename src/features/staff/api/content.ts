import { call } from '@/lib/api-client'

export const getWords = () => call('content.words')

export const setWords = (words: string[]) => call('content.setWords', { words })
