export * from './html';
export * from './document';
