import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * A `width` × `height` photo-like picture made by sharp: its left half red, its right half
 * blue, so a turn by its EXIF orientation shows in the pixels.
 */
export async function testPicture(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'avif', options: { orientation?: number } = {}): Promise<Buffer> {
  const half = Math.floor(width / 2);
  const left = await sharp({ create: { width: half, height, channels: 3, background: { r: 200, g: 20, b: 20 } } }).png().toBuffer();
  let picture = sharp({ create: { width, height, channels: 3, background: { r: 20, g: 20, b: 200 } } }).composite([{ input: left, left: 0, top: 0 }]);
  if (options.orientation) picture = picture.withExif({ IFD0: { Copyright: 'Newsroom test', Artist: 'Camera serial 1234' } }).withMetadata({ orientation: options.orientation });
  return picture.toFormat(format, format === 'avif' ? { effort: 0 } : {}).toBuffer();
}

/**
 * A PNG of a few hundred bytes whose header claims `width` × `height` pixels, with one small
 * data chunk: what a decompression bomb looks like before it is decoded.
 */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
