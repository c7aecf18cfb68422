export * from './roles';
export * from './tokens';
export * from './auth.guard';
export * from './key-set';
