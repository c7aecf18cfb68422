export * from './mail-catcher';
export * from './push-inbox';
