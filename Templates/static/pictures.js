/* Briefing — pictures: zoom, pan and hover (progressive enhancement). */
