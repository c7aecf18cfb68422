import { formatOfContentType, formatOfExtension, imageIdOf, renditionWidths } from './image-formats';

describe('image formats and sizes', () => {
  it.each([
    [4000, [320, 640, 1024, 1600]],
    [1600, [320, 640, 1024, 1600]],
    [1200, [320, 640, 1024, 1200]],
    [640, [320, 640]],
    [321, [320, 321]],
    [320, [320]],
    [120, [120]],
  ])('keeps a picture %i pixels wide at %j, never wider than it is', (width, widths) => {
    expect(renditionWidths(width)).toEqual(widths);
  });

  it('reads the four upload types, with parameters and in any case, and nothing else', () => {
    expect(formatOfContentType('image/jpeg')).toBe('jpeg');
    expect(formatOfContentType('Image/PNG; charset=binary')).toBe('png');
    expect(formatOfContentType('image/avif')).toBe('avif');
    for (const other of ['image/gif', 'image/svg+xml', 'image/jpg', 'application/octet-stream', '', undefined]) expect(formatOfContentType(other)).toBeUndefined();
    expect(formatOfExtension('jpg')).toBe('jpeg');
    expect(formatOfExtension('jpeg')).toBeUndefined();
  });

  it('names an image by its bytes: the same bytes, the same id; one byte more, another', () => {
    const bytes = Buffer.from('a picture');
    expect(imageIdOf(bytes)).toMatch(/^[0-9a-f]{32}$/);
    expect(imageIdOf(Buffer.from('a picture'))).toBe(imageIdOf(bytes));
    expect(imageIdOf(Buffer.from('a picture!'))).not.toBe(imageIdOf(bytes));
  });
});
