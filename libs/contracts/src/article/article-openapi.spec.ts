import 'reflect-metadata';
import { Body, Controller, Post } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ArticleContent } from './article-content';
import { BLOCK_TYPES } from './article-limits';

@Controller('articles')
class ArticlesController {
  @Post()
  create(@Body() content: ArticleContent): ArticleContent {
    return content;
  }
}

async function buildDocument(): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({ controllers: [ArticlesController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  try {
    return SwaggerModule.createDocument(app, new DocumentBuilder().build());
  } finally {
    await app.close();
  }
}

describe(`${ArticleContent.name} in OpenAPI`, () => {
  it('describes the article and every block type without the swagger compiler plugin', async () => {
    const schemas = (await buildDocument()).components?.schemas ?? {};
    const article = schemas[ArticleContent.name] as unknown as {
      required: string[];
      properties: { body: { items: { oneOf: Array<{ $ref: string }>; discriminator: { mapping: Record<string, string> } } } };
    };

    expect(article.required).toEqual(['headline', 'section', 'bylines', 'language', 'body']);
    expect(article.properties.body.items.oneOf).toHaveLength(BLOCK_TYPES.length);
    expect(Object.keys(article.properties.body.items.discriminator.mapping)).toEqual([...BLOCK_TYPES]);
    for (const ref of article.properties.body.items.oneOf) {
      expect(schemas[ref.$ref.replace('#/components/schemas/', '')]).toBeDefined();
    }
    expect(schemas.QuoteBlock).toMatchObject({ required: ['type', 'text'], properties: { attribution: { maxLength: 200 } } });
    expect(schemas.Byline).toBeDefined();
    expect(schemas.Dateline).toBeDefined();
  });
});
