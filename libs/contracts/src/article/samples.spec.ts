import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validatePlain } from '../validation';
import { ArticleContent } from './article-content';
import { ARTICLE_LIMITS } from './article-limits';
import { findInlineLinks } from './inline-markup';

const REPO_ROOT = resolve(__dirname, '../../../..');
const SAMPLES_DIR = join(REPO_ROOT, 'tools/seed/articles');
const STATIC_DIR = join(REPO_ROOT, 'apps/publishing/src/public');
const FORMAT_DOC = join(REPO_ROOT, 'docs/article-format.md');
const PUBLIC_BASE_URL = 'http://localhost:3003';
const PLACEHOLDER = '{{PUBLIC_BASE_URL}}';

const sampleFiles = readdirSync(SAMPLES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function loadSample(name: string): unknown {
  const raw = readFileSync(join(SAMPLES_DIR, name), 'utf8');
  return JSON.parse(raw.split(PLACEHOLDER).join(PUBLIC_BASE_URL));
}

function validSample(name: string): ArticleContent {
  const result = validatePlain(ArticleContent, loadSample(name));
  if (!result.ok) throw new Error(`${name}: ${result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  return result.value;
}

describe(`${ArticleContent.name} samples`, () => {
  it('has the six seed articles, named NN-slug.json', () => {
    expect(sampleFiles).toHaveLength(6);
    for (const name of sampleFiles) expect(name).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.json$/);
  });

  it.each(sampleFiles)('%s validates', (name) => {
    const article = validSample(name);

    expect(article.body.length).toBeGreaterThanOrEqual(6);
    expect(article.body.length).toBeLessThanOrEqual(14);
    expect(article.language).toBe('en');
    expect(article.dateline).toBeDefined();
    expect(article.bylines.length).toBeLessThanOrEqual(2);
    expect(article.body.some((block) => block.type === 'subheading')).toBe(true);
    expect(article.body.some((block) => block.type === 'quote' && !!block.attribution)).toBe(true);
  });

  it.each(sampleFiles)('%s links only to absolute https pages', (name) => {
    for (const block of validSample(name).body) {
      if (block.type === 'paragraph' || block.type === 'quote') {
        for (const href of findInlineLinks(block.text)) expect(href).toMatch(/^https:\/\//);
      }
    }
  });

  it('points sample images at illustrations that exist and stay small', () => {
    const imageUrls = sampleFiles.flatMap((name) =>
      validSample(name).body.flatMap((block) => (block.type === 'image' ? [block.url] : [])),
    );

    expect(imageUrls).toHaveLength(2);
    for (const url of imageUrls) {
      expect(url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/static/samples/[a-z0-9-]+\\.svg$`));
      const file = join(STATIC_DIR, 'samples', url.split('/').pop() as string);
      expect(existsSync(file)).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(svg).toContain('viewBox="0 0 1200 675"');
      expect(Buffer.byteLength(svg)).toBeLessThan(3 * 1024);
      expect(svg).not.toMatch(/<script|on[a-z]+=|href="(?!#)/i);
    }
  });

  it('keeps the image placeholder in the files themselves', () => {
    const raw = sampleFiles.map((name) => readFileSync(join(SAMPLES_DIR, name), 'utf8')).join('\n');

    expect(raw.split(`"${PLACEHOLDER}/static/samples/`)).toHaveLength(3);
  });

  it('covers every section the samples are meant to show, with a related teaser somewhere', () => {
    const articles = sampleFiles.map(validSample);

    expect(articles.map((article) => article.section).sort()).toEqual(['business', 'climate', 'culture', 'politics', 'science', 'world']);
    expect(articles.some((article) => article.body.some((block) => block.type === 'related' && block.url.startsWith('https://example.org/')))).toBe(true);
    expect(articles.every((article) => article.headline.length <= ARTICLE_LIMITS.headline.maxLength)).toBe(true);
  });

  it('accepts the full example in the format documentation', () => {
    const doc = readFileSync(FORMAT_DOC, 'utf8');
    const example = /## Full example\s+```json\n([\s\S]*?)\n```/.exec(doc)?.[1];

    expect(example).toBeDefined();
    const result = validatePlain(ArticleContent, JSON.parse(example as string));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && new Set(result.value.body.map((block) => block.type)).size).toBe(6);
  });
});
