import { Global, Module } from '@nestjs/common';
import { ListExporter } from './list-exporter.service.js';

/** The CSV export every list endpoint answers `Accept: text/csv` with. */
@Global()
@Module({ providers: [ListExporter], exports: [ListExporter] })
export class ExportsModule {}
