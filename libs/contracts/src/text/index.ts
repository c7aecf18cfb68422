export * from './unsupported-characters';
export * from './truncate';
export * from './xml-text';
export * from './visible-text';
export * from './direction';
export * from './one-line';
export * from './bidi-controls';
