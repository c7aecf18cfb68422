import { Catch, Inject, Injectable, type ArgumentsHost } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorResponseOf } from '@newsroom/platform';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../config/notifications.config';
import { mastheadOf, SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';
import { SubscriberLinks } from '../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { ReadRecipientQuery } from '../use-cases/read-recipient/read-recipient.query';
import { formProblemsOf, submittedFormOf, withOtherRefusals } from './form-refusal';
import { answersWithPage, SubscriberPageFilter } from './subscriber-page.filter';
import { preferencesPage, subscribePage, type FormRefusal, type SignupFormValues } from './subscriber-pages';
import { preferencesOfForm, signupChoiceOfForm, wayBack } from './subscription.requests';

const PREFERENCES_PATH = /^\/preferences\/?$/;

/**
 * A refused post of the signup form (`POST /subscribe`) or the preference form
 * (`POST /preferences`) from a reader's browser: the same form again, at the refusal's status,
 * with what the reader sent and what to fix in their words (formProblemsOf), so nothing they
 * typed is lost. Everything else (a JSON client, a bad or expired link, the rate limit, an
 * outage) is answered as on every subscriber page (SubscriberPageFilter). Put on the two routes
 * (UseFilters) rather than made global: it sees what their pipes refuse (an address that is not
 * one, a tag too long) as well as what the use cases refuse, and no other route's errors.
 */
@Catch()
@Injectable()
export class RefusedFormFilter extends SubscriberPageFilter {
  constructor(
    private readonly sections: SiteSectionList,
    private readonly links: SubscriberLinks,
    private readonly recipients: ReadRecipientQuery,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    super(mastheadOf(config));
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const values = submittedFormOf(request.body);
    const refused = answersWithPage(request) && !response.headersSent ? formProblemsOf(exception, values) : undefined;
    if (!refused) return super.catch(exception, host);
    // What else the reader has to fix, so one more try is enough.
    const choice = PREFERENCES_PATH.test(request.path) ? preferencesOfForm : signupChoiceOfForm;
    const problems = withOtherRefusals(refused, request.body, choice, this.sections.slugs(), values);
    const { status, body } = errorResponseOf(exception);
    // The preference form reads its recipient again; what fails there (the database, a recipient
    // erased meanwhile) is answered as that error, on its own page.
    void this.formPage(request, { values, problems, code: body.error.code }).then(
      (page) => {
        // The same address answers JSON clients with the coded error: a cache keeps them apart.
        response.vary('Accept').status(status).set(SUBSCRIBER_PAGE_HEADERS).send(page);
      },
      (failure: unknown) => super.catch(failure, host),
    );
  }

  /** The refused form: the preference form of the recipient the request's link names (checked again: the form shows who it is for), else the signup form. */
  private async formPage(request: Request, refusal: FormRefusal<SignupFormValues>): Promise<string> {
    if (PREFERENCES_PATH.test(request.path)) {
      const token = request.query.token;
      const view = await this.recipients.find(this.links.verify(token, 'manage'));
      return preferencesPage(this.masthead, view, String(token), this.sections.current(), { refused: refusal, tagNames: await this.recipients.namesOfTags(view.preferences.tags) });
    }
    // Back to the page of the site the form was on, when it was one: the form is posted again from here.
    const returnTo = wayBack(refusal.values.returnTo, this.config.publicSiteUrl);
    const values: SignupFormValues = { ...refusal.values, returnTo };
    return subscribePage(this.masthead, this.sections.current(), this.config.siteTimeZone, { ...refusal, values });
  }
}
