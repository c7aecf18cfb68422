import { Controller, Get, HttpCode, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { IMAGE_LIMITS, UPLOAD_CONTENT_TYPES } from '../domain/image-formats';
import { ReadImageQuery } from '../use-cases/read-image/read-image.query';
import { UploadImageCommand } from '../use-cases/upload-image/upload-image.command';
import { UploadImageUseCase } from '../use-cases/upload-image/upload-image.use-case';
import { UploadedImageView } from '../use-cases/upload-image/uploaded-image.view';
import { readUploadBody, UPLOAD_FORM, UploadFormErrors, type UploadedPart } from './upload-body';

/** A file's URL names its content (the id hashes the upload): caches may keep it for a year unasked. */
export const IMAGE_FILE_CACHE = 'public, max-age=31536000, immutable';

@ApiTags('images')
@Controller('v1/images')
export class ImagesHttpController {
  constructor(
    private readonly upload: UploadImageUseCase,
    private readonly read: ReadImageQuery,
  ) {}

  /**
   * Uploads a picture for an article's image block (reporters and editors). The body is the
   * image itself with its Content-Type, or a multipart/form-data form with it as `file`.
   * JPEG, PNG, WebP or AVIF, at most 15 MB and 50 megapixels. Kept as WebP and in its own
   * format at 320, 640, 1024 and 1600 pixels wide (never wider than it is), upright, without
   * EXIF. 201 with the block's `url`, `width`, `height` and `renditions`; 413
   * IMAGE.TOO_LARGE; 415 IMAGE.UNSUPPORTED_TYPE; 400 IMAGE.UNREADABLE (not an image,
   * truncated), IMAGE.TOO_MANY_PIXELS, IMAGE.TYPE_MISMATCH, IMAGE.EMPTY, IMAGE.FORM_INVALID.
   */
  @Post()
  @HttpCode(201)
  @Roles('reporter', 'editor')
  @ApiBearerAuth()
  @UseInterceptors(UploadFormErrors, FileInterceptor(UPLOAD_FORM.field, { limits: UPLOAD_FORM.limits }))
  @ApiOperation({ summary: 'Upload an image for an article (reporters, editors): the image block\'s fields back' })
  @ApiConsumes(...UPLOAD_CONTENT_TYPES, 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: IMAGE_LIMITS.maxBytes }, description: 'The image, or a form with it as `file`' })
  @ApiResponse({ status: 201, type: UploadedImageView })
  @ApiResponse({ status: 413, description: 'Over 15 MB (IMAGE.TOO_LARGE)' })
  @ApiResponse({ status: 415, description: 'Not JPEG, PNG, WebP or AVIF (IMAGE.UNSUPPORTED_TYPE)' })
  async create(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @UploadedFile() part: UploadedPart | undefined): Promise<UploadedImageView> {
    const { bytes, declared } = await readUploadBody(req, part);
    return this.upload.execute(UploadImageCommand.create({ uploadedBy: user.id, ...(declared ? { format: declared } : {}) }), bytes);
  }

  /**
   * One file of an image, for anyone: the URLs the upload answered with. Immutable (a year of
   * caching), with a strong ETag (304 for If-None-Match). 404 IMAGE.NOT_FOUND otherwise.
   */
  @Get(':id/:width.:ext')
  @Public()
  @ApiOperation({ summary: 'An image file (public, immutable): /v1/images/{id}/{width}.{webp|jpg|png|avif}' })
  @ApiProduces(...UPLOAD_CONTENT_TYPES)
  @ApiResponse({ status: 200, description: 'The file' })
  @ApiResponse({ status: 304, description: 'The copy named by If-None-Match is current' })
  @ApiResponse({ status: 404, description: 'No such image or size (IMAGE.NOT_FOUND)' })
  async file(@Param('id') id: string, @Param('width') width: string, @Param('ext') ext: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const file = await this.read.file(id, width, ext);
    res.setHeader('Cache-Control', IMAGE_FILE_CACHE);
    res.setHeader('ETag', file.etag);
    res.setHeader('Content-Type', file.contentType);
    if (matches(req.headers['if-none-match'], file.etag)) return void res.status(304).end();
    res.status(200).send(file.bytes);
  }
}

/** Whether If-None-Match names `etag` (or `*`); weak comparison, as RFC 9110 §13.1.2 asks for GET. */
// Not req.fresh (`fresh`): it calls every request with Cache-Control: no-cache stale, and fetch()
// sends that header along with any If-None-Match it is given; a file under an immutable URL never is.
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
