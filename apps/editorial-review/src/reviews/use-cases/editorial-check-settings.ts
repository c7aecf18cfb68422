import { Inject, type Provider } from '@nestjs/common';
import type { CheckContext } from '@newsroom/contracts';
import { SiteSectionList } from '@newsroom/site-sections';

const EDITORIAL_CHECK_SETTINGS = Symbol('EDITORIAL_CHECK_SETTINGS');

/** Fixed check settings (a spec's own section list). */
export function editorialCheckSettings(context: CheckContext): Provider {
  return { provide: EDITORIAL_CHECK_SETTINGS, useValue: context };
}

/**
 * The service's check settings: the site's section list as SiteSectionList has it at the
 * moment a check runs (publishing's managed list once it arrived, SITE_SECTIONS before), so a
 * section an admin adds or retires changes the SECTION_UNKNOWN warning from the next submission.
 */
export function siteEditorialCheckSettings(): Provider {
  return {
    provide: EDITORIAL_CHECK_SETTINGS,
    inject: [SiteSectionList],
    useFactory: (sections: SiteSectionList): CheckContext => ({
      get sections() {
        return sections.slugs();
      },
    }),
  };
}

/** Injects the check settings; a module that provides none checks the article alone. */
export const InjectEditorialCheckSettings = (): ParameterDecorator => Inject(EDITORIAL_CHECK_SETTINGS);
