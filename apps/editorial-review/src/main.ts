import { startEditorialReview } from './editorial-review.service';

startEditorialReview(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
