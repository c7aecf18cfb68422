import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SubscriptionRepository } from './persistence/subscription.repository';
import { TagNameRepository } from './persistence/tag-name.repository';
import { PushHttpController } from './transport/push.http.controller';
import { ConfirmLinkPipe, ManageLinkPipe } from './transport/signed-link.pipes';
import { SITE_SCRIPT_ROUTES, SiteCorsMiddleware } from './transport/site-cors.middleware';
import { SubscribeFormController } from './transport/subscribe-form.controller';
import { SubscriberAdminHttpController } from './transport/subscriber-admin.http.controller';
import { SubscriberPagesController } from './transport/subscriber-pages.controller';
import { SubscribersHttpController } from './transport/subscribers.http.controller';
import { CheckPushSubscriptionQuery } from './use-cases/check-push-subscription/check-push-subscription.query';
import { ConfirmSubscriptionUseCase } from './use-cases/confirm-subscription/confirm-subscription.use-case';
import { EraseSubscriberUseCase } from './use-cases/erase-subscriber/erase-subscriber.use-case';
import { SearchSubscribersQuery } from './use-cases/search-subscribers/search-subscribers.query';
import { ManagePreferencesUseCase } from './use-cases/manage-preferences/manage-preferences.use-case';
import { ReadRecipientQuery } from './use-cases/read-recipient/read-recipient.query';
import { SignUpByEmailUseCase } from './use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { SubscribePushUseCase } from './use-cases/subscribe-push/subscribe-push.use-case';
import { ReplacePushEndpointUseCase } from './use-cases/replace-push-endpoint/replace-push-endpoint.use-case';
import { UnsubscribeUseCase } from './use-cases/unsubscribe/unsubscribe.use-case';

/**
 * Email subscribers (double opt-in), browser push subscriptions, and their
 * signed-link pages. Exports the repositories: the alerts end push
 * subscriptions a push service says are gone, and keep the words tags were typed as.
 */
@Module({
  controllers: [SubscribersHttpController, SubscriberAdminHttpController, SubscribeFormController, PushHttpController, SubscriberPagesController],
  providers: [
    SubscriptionRepository,
    TagNameRepository,
    ManageLinkPipe,
    ConfirmLinkPipe,
    SignUpByEmailUseCase,
    ConfirmSubscriptionUseCase,
    SubscribePushUseCase,
    ReplacePushEndpointUseCase,
    CheckPushSubscriptionQuery,
    ManagePreferencesUseCase,
    ReadRecipientQuery,
    UnsubscribeUseCase,
    SearchSubscribersQuery,
    EraseSubscriberUseCase,
  ],
  exports: [SubscriptionRepository, TagNameRepository],
})
export class SubscriptionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SiteCorsMiddleware).forRoutes(...SITE_SCRIPT_ROUTES.map((path) => ({ path, method: RequestMethod.ALL })));
  }
}
