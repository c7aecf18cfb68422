import sharp from 'sharp';
import { ImageBlock, validatePlain } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { thrownBy } from '@newsroom/testing';
import { pngHeaderClaiming, testPicture } from '../../../../test/test-images';
import { DRAFTING_ENTITIES } from '../../../app.module';
import { DRAFTING_MIGRATIONS } from '../../../migrations';
import { imageProviders } from '../../images.module';
import { ReadImageQuery } from '../read-image/read-image.query';
import { UploadImageCommand } from './upload-image.command';
import { UploadImageUseCase } from './upload-image.use-case';

jest.setTimeout(60_000);

const BASE = 'https://media.example.org';

describe(UploadImageUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let upload: UploadImageUseCase;
  let read: ReadImageQuery;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start({
      name: 'drafting_upload_image',
      schema: 'drafting',
      entities: DRAFTING_ENTITIES,
      migrations: DRAFTING_MIGRATIONS,
      providers: imageProviders({ publicBaseUrl: BASE }),
    });
    upload = testbed.get(UploadImageUseCase);
    read = testbed.get(ReadImageQuery);
  });
  afterAll(() => testbed?.close());

  type Upload = [UploadImageCommand, Buffer];
  const command = (bytes: Buffer, format?: 'jpeg' | 'png' | 'webp' | 'avif'): Upload => [UploadImageCommand.create({ uploadedBy: 'alice', ...(format ? { format } : {}) }), bytes];

  it('keeps a large JPEG at every srcset width as WebP and JPEG, and answers with a valid image block', async () => {
    const result = await upload.execute(...command(await testPicture(2400, 1600, 'jpeg'), 'jpeg'));

    expect(result.id).toMatch(/^[0-9a-f]{32}$/);
    expect(result).toMatchObject({ originalWidth: 2400, originalHeight: 1600 });
    expect(result.block).toEqual({
      type: 'image',
      url: `${BASE}/v1/images/${result.id}/1600.jpg`,
      width: 1600,
      height: 1067,
      renditions: [320, 640, 1024, 1600].map((width) => ({ url: `${BASE}/v1/images/${result.id}/${width}.webp`, width, height: Math.round((width * 1600) / 2400) })),
    });
    expect(result.files.map((file) => `${file.width} ${file.contentType}`)).toEqual([320, 640, 1024, 1600].flatMap((w) => [`${w} image/jpeg`, `${w} image/webp`]));
    const rows = await testbed.query('SELECT width, format, length(bytes) > 0 AS stored FROM image_files WHERE image_id = $1 ORDER BY width, format', [result.id]);
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.stored)).toBe(true);
    // What the desk inserts, with the alt text the article model requires, is a valid block.
    expect(validatePlain(ImageBlock, { ...result.block, alt: 'Red and blue halves' }).ok).toBe(true);
    expect(validatePlain(ImageBlock, result.block).ok).toBe(false);
  });

  it('never enlarges: a picture narrower than a width keeps its own width as the widest', async () => {
    const result = await upload.execute(...command(await testPicture(800, 600, 'webp'), 'webp'));
    expect(result.block.renditions.map((r) => r.width)).toEqual([320, 640, 800]);
    expect(result.block).toMatchObject({ url: `${BASE}/v1/images/${result.id}/800.webp`, width: 800, height: 600 });
    // A WebP upload's own format is WebP: one file per width.
    expect(result.files.map((file) => file.contentType)).toEqual(['image/webp', 'image/webp', 'image/webp']);

    const tiny = await upload.execute(...command(await testPicture(200, 100, 'png'), 'png'));
    expect(tiny.files.map((file) => `${file.width}x${file.height} ${file.contentType}`)).toEqual(['200x100 image/png', '200x100 image/webp']);
  });

  it('takes AVIF and keeps it as AVIF besides WebP', async () => {
    const result = await upload.execute(...command(await testPicture(400, 300, 'avif'), 'avif'));
    expect(result.files.map((file) => `${file.width} ${file.contentType}`)).toEqual(['320 image/avif', '320 image/webp', '400 image/avif', '400 image/webp']);
    const file = await read.file(result.id, '400', 'avif');
    expect((await sharp(file.bytes).metadata()).format).toBe('heif');
  });

  it('turns the picture upright by its EXIF orientation and stores no EXIF at all', async () => {
    const original = await testPicture(1200, 800, 'jpeg', { orientation: 6 });
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const result = await upload.execute(...command(original, 'jpeg'));

    expect(result).toMatchObject({ originalWidth: 800, originalHeight: 1200 });
    for (const [width, ext] of [['800', 'jpg'], ['320', 'webp']]) {
      const file = await read.file(result.id, width, ext);
      const metadata = await sharp(file.bytes).metadata();
      expect({ exif: metadata.exif, orientation: metadata.orientation, icc: metadata.icc }).toEqual({ exif: undefined, orientation: undefined, icc: undefined });
      expect(metadata.height).toBeGreaterThan(metadata.width ?? 0);
      // Orientation 6 turns the picture a quarter clockwise: the red left half ends up on top.
      const { data } = await sharp(file.bytes).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBeGreaterThan(data[2]);
    }
  });

  it('gives the same upload the same id and stores it once', async () => {
    const bytes = await testPicture(500, 400, 'png');
    const first = await upload.execute(...command(bytes, 'png'));
    const again = await upload.execute(UploadImageCommand.create({ uploadedBy: 'bob', format: 'png' }), bytes);
    expect(again).toEqual(first);
    expect(await testbed.query('SELECT uploaded_by FROM images WHERE id = $1', [first.id])).toEqual([{ uploaded_by: 'alice' }]);
  });

  it('decides by the bytes when the upload declared no format, and refuses a format it does not take with 415', async () => {
    const result = await upload.execute(...command(await testPicture(330, 200, 'jpeg')));
    expect(result.block.url).toMatch(/\/330\.jpg$/);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).gif().toBuffer();
    expect(await rejection(upload.execute(...command(gif)))).toMatchObject({ code: 'IMAGE.UNSUPPORTED_TYPE', kind: 'unsupported_media_type' });
  });

  it.each([
    ['not an image', 'IMAGE.UNREADABLE', async () => command(Buffer.from('<html>surely a photo</html>'), 'jpeg')],
    ['a truncated JPEG', 'IMAGE.UNREADABLE', async () => command((await testPicture(1200, 800, 'jpeg')).subarray(0, 6000), 'jpeg')],
    ['a PNG sent as a JPEG', 'IMAGE.TYPE_MISMATCH', async () => command(await testPicture(100, 100, 'png'), 'jpeg')],
    ['a header claiming 100 megapixels', 'IMAGE.TOO_MANY_PIXELS', async () => command(pngHeaderClaiming(10_000, 10_000), 'png')],
    ['no bytes', 'IMAGE.EMPTY', async () => command(Buffer.alloc(0), 'png')],
  ])('refuses %s with a 400 %s and stores nothing', async (_case, code, make) => {
    const before = await testbed.query('SELECT count(*)::int AS n FROM images');
    expect(await rejection(upload.execute(...(await make())))).toMatchObject({ code, kind: 'validation' });
    expect(await testbed.query('SELECT count(*)::int AS n FROM images')).toEqual(before);
  });

  it('refuses a file over 15 MB with IMAGE.TOO_LARGE before looking at it', async () => {
    expect(await rejection(upload.execute(...command(Buffer.alloc(15 * 1024 * 1024 + 1), 'jpeg')))).toMatchObject({ code: 'IMAGE.TOO_LARGE', kind: 'too_large' });
  });

  it('answers IMAGE.NOT_FOUND for files it does not have', async () => {
    const { id } = await upload.execute(...command(await testPicture(640, 480, 'jpeg'), 'jpeg'));
    await expect(read.file(id, '640', 'jpg')).resolves.toMatchObject({ width: 640, height: 480, contentType: 'image/jpeg' });
    for (const [image, width, ext] of [[id, '1024', 'jpg'], [id, '640', 'png'], [id, '640', 'gif'], [id, '0640', 'jpg'], ['f'.repeat(32), '640', 'jpg'], ['../etc', '640', 'jpg']]) {
      expect(await rejection(read.file(image, width, ext))).toMatchObject({ code: 'IMAGE.NOT_FOUND', kind: 'not_found' });
    }
  });

  it('refuses a command without an uploader', () => {
    expect(thrownBy(() => UploadImageCommand.create({ uploadedBy: '', format: 'png' }))).toMatchObject({ code: 'COMMAND.INVALID' });
    expect(thrownBy(() => UploadImageCommand.create({ uploadedBy: 'alice', format: 'gif' as never }))).toMatchObject({ code: 'COMMAND.INVALID' });
  });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
