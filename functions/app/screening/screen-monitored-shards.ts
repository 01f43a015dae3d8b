/** Step 2 of the re-screen workflow: one child of its Distributed Map. */
export { screenHandler as handler } from './rescreen-steps';
