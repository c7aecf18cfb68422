import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import type { PublicJwk } from '@newsroom/contracts';
import { SigningKeys } from './signing-keys';

@ApiTags('identity')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  /**
   * The public keys the services verify access tokens with (RFC 7517 JWK Set; ES256, P-256,
   * chosen by the token header's `kid`). Cacheable for 5 minutes.
   */
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The JWK Set of the access-token signing keys' })
  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks;
  }
}
