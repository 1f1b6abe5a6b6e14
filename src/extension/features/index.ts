/**
 * The feature folders, registered in this order by `activate`. A feature is a function of the shared
 * context returning what to dispose; a new folder (features/inspect) adds one line here.
 */
import type { Feature } from '../context';
import { compareFeature } from './compare/register';
import { configFeature } from './config/register';
import { dashboardFeature } from './dashboard/register';
import { inspectFeature } from './inspect/register';
import { logsFeature } from './logs/register';
import { trainFeature } from './train/register';
import { tuneFeature } from './tune/register';

export const features: readonly Feature[] = [configFeature, trainFeature, tuneFeature, compareFeature, dashboardFeature, inspectFeature, logsFeature];
