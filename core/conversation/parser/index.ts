export { INTENT_NAMES, type IntentName, type Period, type ParsedIntent } from './intent-types';
export { parseIntent } from './parse-intent';
export { suggestIntents } from './suggest-intents';
