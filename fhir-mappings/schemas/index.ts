export * from './common';
export * from './patient';
export * from './observation';
export * from './condition';
export * from './medication-request';
export * from './procedure';
export * from './encounter';
export * from './bundle';
