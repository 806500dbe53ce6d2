// Starts GOV.UK Frontend's components (error summary focus, service navigation toggle...).
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
