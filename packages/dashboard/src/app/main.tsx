/** Entry point of the dashboard bundle. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "uplot/dist/uPlot.min.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/library.css";
import "./styles/data.css";
import "./styles/builder.css";
import "./styles/pages.css";
import "./styles/integrations.css";
import "./styles/period.css";
import "./styles/responsive.css";
import { App } from "./App.tsx";
import { ErrorBoundary } from "./components/ErrorBoundary.tsx";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
