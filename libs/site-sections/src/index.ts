export * from './create-site-sections.migration';
export * from './site-section-store';
export * from './site-section-list';
export * from './site-section-follower';
export * from './site-sections.module';
