import { SnakeNamingStrategy } from './naming-strategy';

describe(SnakeNamingStrategy.name, () => {
  const naming = new SnakeNamingStrategy();

  it.each([
    ['headline', 'headline'],
    ['createdAt', 'created_at'],
    ['lastErrorMessage', 'last_error_message'],
    ['articleId', 'article_id'],
    ['sha256Digest', 'sha256_digest'],
    ['htmlURL', 'html_url'],
    ['URLPath', 'url_path'],
    ['pushHTTPEndpoint', 'push_http_endpoint'],
    ['already_snake', 'already_snake'],
  ])('names the column of %p %p', (property, column) => {
    expect(naming.columnName(property, undefined, [])).toBe(column);
  });

  it('prefixes embedded columns', () => {
    expect(naming.columnName('sentAt', undefined, ['deliveryStatus'])).toBe('delivery_status_sent_at');
  });

  it('uses a custom column name, still in snake_case', () => {
    expect(naming.columnName('body', 'bodyHtml', [])).toBe('body_html');
  });

  it('names tables after the class unless a name is given', () => {
    expect(naming.tableName('PublishedArticle', undefined)).toBe('published_article');
    expect(naming.tableName('OutboxMessageEntity', 'outbox')).toBe('outbox');
  });

  it('names relations and join columns in snake_case', () => {
    expect(naming.relationName('latestRevision')).toBe('latest_revision');
    expect(naming.joinColumnName('latestRevision', 'articleId')).toBe('latest_revision_article_id');
  });
});
