import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { IdParam } from '../common/id-param.js';
import { SurveyRateLimitGuard } from './survey-rate-limit.service.js';
import { SurveyAnswerDto, SurveyAnswerResponseDto, SurveyFormDto, SurveyOpenDto, SurveyProgressDto } from './surveys.dto.js';
import { SurveysService } from './surveys.service.js';

const TOKEN_PARAM = { name: 'token', description: 'The personal token of the link in the invitation e-mail' };

@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post('missions/:id/survey')
  @ApiOperation({
    summary:
      "Open the mission's satisfaction survey: an e-mail to each delegate with an address, in their language, with a personal link; one reminder before closing to those who have not answered",
  })
  @ApiCreatedResponse({ type: SurveyProgressDto })
  @ApiErrors(400, 404, 409, 413, 415)
  open(@IdParam() id: string, @Body() body: SurveyOpenDto): Promise<SurveyProgressDto> {
    return this.surveys.open(id, body);
  }

  @Get('missions/:id/survey')
  @ApiOperation({ summary: "The survey's progress: invited, answered, response rate, messages sent" })
  @ApiOkResponse({ type: SurveyProgressDto })
  @ApiErrors(400, 404)
  progress(@IdParam() id: string): Promise<SurveyProgressDto> {
    return this.surveys.progress(id);
  }

  @Get('survey/:token')
  @Public()
  @UseGuards(SurveyRateLimitGuard)
  @ApiOperation({ summary: 'What a personal survey link shows: the mission, the company, the questions, and the answer that counts now' })
  @ApiParam(TOKEN_PARAM)
  @ApiOkResponse({ type: SurveyFormDto })
  @ApiErrors(404, 410, 429)
  form(@Param('token') token: string): Promise<SurveyFormDto> {
    return this.surveys.form(token);
  }

  @Post('survey/:token')
  @Public()
  @UseGuards(SurveyRateLimitGuard)
  @HttpCode(201)
  @ApiOperation({ summary: "Answer the survey; the company's latest answer before closing counts and becomes its satisfaction" })
  @ApiParam(TOKEN_PARAM)
  @ApiCreatedResponse({ type: SurveyAnswerResponseDto })
  @ApiResponse({ status: 410, description: 'The survey has closed', type: ErrorResponseDto })
  @ApiErrors(400, 404, 413, 415, 429)
  answer(@Param('token') token: string, @Body() body: SurveyAnswerDto): Promise<SurveyAnswerResponseDto> {
    return this.surveys.answer(token, body);
  }
}
