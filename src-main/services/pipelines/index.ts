export { PipelineCatalog } from './pipeline-catalog';
export { createPipelineServices } from './pipeline-services';
export { PipelineLaunchService } from './launch-service';
export { topicsServiceEnsurer } from './topic-ensurer';
