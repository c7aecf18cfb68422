/**
 * Image upload and serving over HTTP on the drafting service (real PostgreSQL, a broker because
 * the service consumes events): both upload shapes, the coded refusals the transport owns, and
 * the caching headers of the public files. What processing does is covered by the use-case spec.
 */
import { ServiceUnderTest, type HttpClient } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { testPicture } from '../../../test/test-images';
import { startDrafting } from '../../drafting.service';
import type { UploadedImageView } from '../use-cases/upload-image/uploaded-image.view';

jest.setTimeout(120_000);

const MEDIA = 'https://media.example.org';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('drafting images over HTTP', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let alice: HttpClient;
  let token: string;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'drafting_images', schema: 'drafting', brokers: broker.brokers, env: { IMAGES_PUBLIC_BASE_URL: `${MEDIA}/` }, boot: startDrafting });
    alice = service.as('reporter', 'alice');
    // The harness client sends JSON only; uploads need the same sign-in with a binary or form body.
    token = (alice as unknown as { token: string }).token;
  });

  afterAll(async () => {
    await service?.close();
    await broker?.stop();
  });

  function upload(body: Buffer | string | FormData, contentType?: string, auth = true): Promise<Response> {
    return fetch(`${service.baseUrl}/v1/images`, {
      method: 'POST',
      headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  }

  const pathOf = (url: string) => url.slice(MEDIA.length);

  it('takes an image as the raw body and serves its files at public, immutable URLs', async () => {
    const response = await upload(await testPicture(1300, 900, 'jpeg'), 'image/jpeg');
    expect(response.status).toBe(201);
    const image = (await response.json()) as UploadedImageView;
    expect(image.block.url).toBe(`${MEDIA}/v1/images/${image.id}/1300.jpg`);
    expect(image.block.renditions.map((r) => r.width)).toEqual([320, 640, 1024, 1300]);

    const file = await service.anonymous.get(pathOf(image.block.renditions[1].url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Publishing's pages are another origin: they may embed it.
    expect(file.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = file.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect((await service.anonymous.get(pathOf(image.block.renditions[1].url), { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await service.anonymous.get(pathOf(image.block.url))).headers.get('content-type')).toBe('image/jpeg');
  });

  it('takes the same image as a multipart form and gives it the same id', async () => {
    const bytes = await testPicture(700, 500, 'png');
    const raw = (await (await upload(bytes, 'image/png')).json()) as UploadedImageView;
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'harbour.png');
    const response = await upload(form);
    expect(response.status).toBe(201);
    expect(((await response.json()) as UploadedImageView).id).toBe(raw.id);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const docs = await service.anonymous.get<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>('/docs-json');
    expect(Object.keys(docs.body.paths['/v1/images/{id}/{width}.{ext}'])).toEqual(['get']);
    expect(Object.keys(docs.body.paths['/v1/images'].post.requestBody?.content ?? {})).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'multipart/form-data']);
  });

  it('says what is wrong with a form that is not one image in the field "file", in the upload’s words', async () => {
    const png = await testPicture(60, 40, 'png');
    const stored = await service.sql('SELECT count(*)::int AS n FROM images');
    const B = 'newsroom-form-boundary';
    const part = (name: string, value: Buffer | string, file = true) =>
      Buffer.concat([
        Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="a.png"\r\nContent-Type: image/png' : ''}\r\n\r\n`),
        Buffer.isBuffer(value) ? value : Buffer.from(value),
        Buffer.from('\r\n'),
      ]);
    const end = Buffer.from(`--${B}--\r\n`);
    const formOf = (...parts: Buffer[]) => Buffer.concat(parts);
    const refusal = async (body: Buffer, contentType = `multipart/form-data; boundary=${B}`) => {
      const response = await upload(body, contentType);
      const answer = (await response.json()) as ErrorBody;
      return [response.status, answer.error.code, answer.error.message.replace('Send one image as the form field "file" and nothing else: ', '')];
    };

    expect(await refusal(formOf(part('picture', png), end))).toEqual([400, 'IMAGE.FORM_INVALID', 'the file came in the field "picture", not "file"']);
    expect(await refusal(formOf(part('file', png), part('file', png), end))).toEqual([400, 'IMAGE.FORM_INVALID', 'the form has more than one part; send the image alone']);
    expect(await refusal(formOf(part('caption', 'Harbour at night', false), end))).toEqual([
      400,
      'IMAGE.FORM_INVALID',
      'the form has a text field, or a part cut off before its headers ended; only the file may be sent',
    ]);
    // Cut off in the middle of the file's bytes: no closing boundary.
    expect(await refusal(formOf(part('file', png)).subarray(0, 120))).toEqual([400, 'IMAGE.FORM_INVALID', 'the form ends before its closing boundary: the upload was cut off']);
    expect(await refusal(formOf(part('file', png), end), 'multipart/form-data')).toEqual([
      400,
      'IMAGE.FORM_INVALID',
      'its Content-Type names no boundary (multipart/form-data; boundary=…)',
    ]);
    expect(await service.sql('SELECT count(*)::int AS n FROM images')).toEqual(stored);
  });

  it('answers anything else with a coded 4xx', async () => {
    const png = await testPicture(100, 100, 'png');
    const codeOf = async (response: Response) => [response.status, ((await response.json()) as ErrorBody).error.code];
    expect(await codeOf(await upload(png, 'image/png', false))).toEqual([401, 'AUTH.REQUIRED']);
    expect(await codeOf(await upload('not a picture', 'text/plain'))).toEqual([415, 'IMAGE.UNSUPPORTED_TYPE']);
    expect(await codeOf(await upload(png, 'image/gif'))).toEqual([415, 'IMAGE.UNSUPPORTED_TYPE']);
    expect(await codeOf(await upload(JSON.stringify({ url: 'x' }), 'application/json'))).toEqual([415, 'IMAGE.UNSUPPORTED_TYPE']);
    expect(await codeOf(await upload(png, 'image/jpeg'))).toEqual([400, 'IMAGE.TYPE_MISMATCH']);
    expect(await codeOf(await upload(png.subarray(0, 60), 'image/png'))).toEqual([400, 'IMAGE.UNREADABLE']);
    const huge = Buffer.alloc(15 * 1024 * 1024 + 1);
    expect(await codeOf(await upload(huge, 'image/jpeg'))).toEqual([413, 'IMAGE.TOO_LARGE']);
    const form = new FormData();
    form.append('file', new Blob([huge], { type: 'image/jpeg' }), 'huge.jpg');
    expect(await codeOf(await upload(form))).toEqual([413, 'IMAGE.TOO_LARGE']);
    const wrongField = new FormData();
    wrongField.append('picture', new Blob([png], { type: 'image/png' }), 'a.png');
    expect(await codeOf(await upload(wrongField))).toEqual([400, 'IMAGE.FORM_INVALID']);
    expect(await codeOf(await fetch(`${service.baseUrl}/v1/images/${'a'.repeat(32)}/640.webp`))).toEqual([404, 'IMAGE.NOT_FOUND']);
    expect(await service.sql('SELECT count(*)::int AS n FROM images')).toEqual([{ n: 2 }]);
  });
});
