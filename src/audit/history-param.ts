import { Param } from '@nestjs/common';
import { DomainError } from '../common/errors.js';
import { HISTORY_PATH_NAMES, type HistoryPath } from './audited.js';

/** The resource in `/{resource}/{id}/history`: any other name is a path that does not exist. */
export const HistoryPathParam = (): ParameterDecorator =>
  Param('resource', {
    transform: (value: string): HistoryPath => {
      if (!(HISTORY_PATH_NAMES as string[]).includes(value))
        throw new DomainError('not_found', `${value} has no history: history is kept for ${HISTORY_PATH_NAMES.join(', ')}`);
      return value as HistoryPath;
    },
  });
