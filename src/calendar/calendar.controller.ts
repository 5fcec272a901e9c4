import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/roles.decorator.js';
import { currentActor } from '../auth/request-context.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { CalendarService } from './calendar.service.js';

class CalendarFeedResponseDto {
  @ApiProperty({ description: 'The secret feed URL, shown once: subscribe to it in a calendar program', example: 'https://crm.example/calendar/3q2-… .ics' })
  url!: string;

  @ApiProperty()
  createdAt!: Date;
}

/** The signed-in user's own feed URL: viewers follow actions too. */
@ApiTags('auth')
@Roles('admin', 'officer', 'viewer')
@Controller('auth/calendar-feed')
export class CalendarFeedController {
  constructor(private readonly calendar: CalendarService) {}

  @Post()
  @ApiOperation({
    summary: 'Create or rotate your secret calendar feed URL (PUBLIC_URL/calendar/{token}.ics); an earlier URL stops working',
    description:
      'The feed holds the open and in-progress actions you own or watch that have a due window, as all-day events over the window, titled with the action and its due label, and the missions you are responsible for. Calendar programs poll it; it answers ETag and 304 to If-None-Match.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponseDto })
  rotate(): Promise<CalendarFeedResponseDto> {
    return this.calendar.rotate(currentActor()!.userId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke your calendar feed: its URL answers 404 from now on' })
  @ApiNoContentResponse()
  @ApiErrors(404)
  async revoke(): Promise<void> {
    await this.calendar.revoke(currentActor()!.userId);
  }
}

/** The feed itself: public, the token in the URL is the key. Served outside /api. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':file')
  @Public()
  @ApiOperation({ summary: 'A calendar feed (iCalendar), by the secret URL POST /auth/calendar-feed gave' })
  @ApiParam({ name: 'file', description: '{token}.ics' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'The feed, with an ETag', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent as If-None-Match' })
  @ApiResponse({ status: 404, description: 'No feed has this URL (never, rotated or revoked)', type: ErrorResponseDto })
  async feed(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    const answer = await this.calendar.feed(file, ifNoneMatch);
    void reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
    if (answer.notModified) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('content-type', 'text/calendar; charset=utf-8');
    return answer.body;
  }
}
