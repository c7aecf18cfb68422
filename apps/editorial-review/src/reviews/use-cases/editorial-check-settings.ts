import { Inject, type Provider } from '@nestjs/common';
import type { CheckContext } from '@newsroom/contracts';

const EDITORIAL_CHECK_SETTINGS = Symbol('EDITORIAL_CHECK_SETTINGS');

/** What the automated checks know about the site (its section list), from the service's configuration. */
export function editorialCheckSettings(context: CheckContext): Provider {
  return { provide: EDITORIAL_CHECK_SETTINGS, useValue: context };
}

/** Injects the check settings; a module that provides none checks the article alone. */
export const InjectEditorialCheckSettings = (): ParameterDecorator => Inject(EDITORIAL_CHECK_SETTINGS);
