// Typed React components for the Coproduce elements, made with @lit/react: React props map to the
// elements' properties, and `co-*` events to typed `on…` callbacks.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { CoIdeaBoard, CoWorkshop, type IdeaEventDetail } from '@coproduce/elements';

export const Workshop = createComponent({
  tagName: 'co-workshop',
  elementClass: CoWorkshop,
  react: React,
  events: {
    onStatusChange: 'co-status-change' as EventName<CustomEvent<{ status: string; hasUnsyncedChanges: boolean }>>,
  },
});

export const IdeaBoard = createComponent({
  tagName: 'co-idea-board',
  elementClass: CoIdeaBoard,
  react: React,
  events: {
    onIdeaAdd: 'co-idea-add' as EventName<CustomEvent<IdeaEventDetail>>,
    onIdeaEdit: 'co-idea-edit' as EventName<CustomEvent<IdeaEventDetail>>,
    onIdeaDelete: 'co-idea-delete' as EventName<CustomEvent<IdeaEventDetail>>,
  },
});
