import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { InboundEventProcessor, KafkaHealth, kafkaConsumerTransport, runInTrace, type BatchedKafkaServer } from '@newsroom/messaging';
import { answerClientErrors } from './client-errors';
import { HttpErrorFilter, strictValidationPipe } from './http-errors';
import { hasRequestBody, readRequestInput } from './http-input';
import { StartupLogger } from './logger';
import { useSecurityHeaders, type ContentSecurityPolicy } from './security-headers';

export interface ServiceDescription {
  title: string;
  description: string;
  /** Whether the service consumes Kafka topics (has @ConsumeTopic handlers). */
  consumesEvents: boolean;
  /** Extra set-up on the Nest app before it listens (static files, views...). */
  configure?: (app: INestApplication) => void;
  /**
   * Path prefixes of routes whose JSON bodies carry a whole article (drafting's `/v1/drafts`):
   * they are read up to MESSAGE_LIMITS.articleRequestBodyBytes, every other route up to
   * MESSAGE_LIMITS.requestBodyBytes.
   */
  largeBodyPaths?: readonly string[];
  /**
   * The Content-Security-Policy of a service with pages of its own (publishing's public site);
   * the platform's default otherwise. Every other security header is the platform's.
   */
  contentSecurityPolicy?: ContentSecurityPolicy;
  /**
   * Paths of routes that read a body of their own kind (drafting's `/v1/images`: an image or a
   * multipart form): the JSON-only rule of `/v1` does not apply to them, and the route reads and
   * limits its body itself.
   */
  uploadPaths?: readonly string[];
  /**
   * Paths of POST routes whose body is never read (notifications' RFC 8058 one-click
   * `/unsubscribe`: "the body is not read, nothing else is required"): it is drained unparsed,
   * so no body a mail provider sends (malformed, over the limits, not UTF-8) can refuse it.
   */
  unreadBodyPaths?: readonly string[];
}

/**
 * Starts one newsroom service: security headers, JSON logs, request bodies read with the
 * newsroom's size limits and character rule, strict validation, coded errors, OpenAPI at
 * /docs, the Kafka consumers, and graceful shutdown on SIGTERM/SIGINT.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  description: ServiceDescription,
  runtime: Pick<ServiceRuntimeConfig, 'serviceName' | 'logLevel'>,
): Promise<INestApplication> {
  // Bodies are read by readRequestInput, with limits that agree with the article's and the
  // broker's. Start-up logs as JSON lines as they happen (StartupLogger), then the app's own.
  const app = await NestFactory.create(module, { logger: new StartupLogger(runtime.serviceName, runtime.logLevel), bodyParser: false });
  const config = app.get<ServiceRuntimeConfig>(SERVICE_RUNTIME_CONFIG);
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app, description.contentSecurityPolicy);
  app.use((request: Request, _response: Response, next: NextFunction) => runInTrace(request.headers.traceparent, next));
  app.use('/v1', requireJsonBodies(description.uploadPaths ?? []));
  readRequestInput(app, description.largeBodyPaths, description.unreadBodyPaths);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  answerClientErrors(app.getHttpServer());
  description.configure?.(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(description.title)
      .setDescription(description.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  const transport = description.consumesEvents
    ? kafkaConsumerTransport(
        { serviceName: config.serviceName, brokers: config.kafkaBrokers, security: config.kafkaSecurity, consumerGroup: config.consumerGroup },
        app.get(InboundEventProcessor),
      )
    : undefined;
  const consumers = transport && app.connectMicroservice(transport, { inheritAppConfig: true });
  closeGracefullyOnSignals(app, consumers);
  // listen() runs the migrations (module init) before serving; consumers start
  // after that, so they never see a missing table. Joining a consumer group can
  // take seconds; HTTP and the health probes answer meanwhile.
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  app.get(Logger).log(`${config.serviceName} listening on http://localhost:${config.port}`, 'Bootstrap');
  if (transport) {
    const health = app.get(KafkaHealth);
    health.expectConsumer();
    (transport.strategy as BatchedKafkaServer).onGroupJoin(() => health.joinedGroup());
    const consuming = app.startAllMicroservices().then(() => app.get(Logger).log(`${config.serviceName} is consuming events`, 'Bootstrap'));
    // Started when the broker answers at once, as before; when it does not, the service serves
    // (readiness `starting`) and begins consuming once it can (BatchedKafkaServer.listen).
    if (await (transport.strategy as BatchedKafkaServer).firstAttempt) await consuming;
    else {
      app.get(Logger).warn(`${config.serviceName} serves without consuming events until the broker answers`, 'Bootstrap');
      consuming.catch((error: unknown) => app.get(Logger).error(error, 'Bootstrap'));
    }
  }
  return app;
}

/**
 * On SIGTERM/SIGINT, stop consuming first (leaving the group, finishing the
 * message in hand), then close HTTP, workers and the database. Nest's own
 * shutdown hooks would close the consumers last, after the database.
 */
function closeGracefullyOnSignals(app: INestApplication, consumers?: INestMicroservice): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const logger = app.get(Logger);
    logger.log(`${signal} received; shutting down`, 'Bootstrap');
    try {
      await consumers?.close();
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(error, 'Bootstrap');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (received) => void close(received));
}

/** The JSON APIs take JSON only; anything else is refused rather than read as an empty body. */
function requireJsonBodies(uploadPaths: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const path = request.baseUrl + request.path;
    if (!hasRequestBody(request) || request.is('application/json') || request.is('+json') || uploadPaths.includes(path)) return next();
    response.status(415).json({
      error: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as JSON (Content-Type: application/json)' },
    });
  };
}
