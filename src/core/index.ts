/** The pure engine: no React, no DOM, no d3, no zustand. */
export * from './types';
export * from './limits';
export * from './validate';
export * from './engine';
export * from './generate';
export * from './presets';
export * from './exportFiles';
export { createRng } from './prng';
export * from './steps';
export * from './format';
export * from './formulas';
export * from './runningSums';
export * from './stepView';
export * from './lesson';
export * from './lab';
export * from './train';
export {
  coreMessages,
  errorText,
  formatNumber,
  isLang,
  langFromLocales,
  LANGS,
  ruleError,
  scenarioErrorText,
  type CoreMessages,
  type ErrorParams,
  type ErrorRule,
  type Lang,
  type RuleError,
} from './messages';
