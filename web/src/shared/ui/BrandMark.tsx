import Box from '@mui/material/Box';

/** The Peyvand mark: two linked rings on deep teal (same drawing as public/icon.svg). */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <Box component="svg" viewBox="0 0 512 512" aria-hidden sx={{ width: size, height: size, flexShrink: 0, display: 'block' }}>
      <rect width="512" height="512" rx="112" fill="#0d5c63" />
      <g fill="none" strokeWidth="44" strokeLinecap="round">
        <circle cx="204" cy="256" r="92" stroke="#ffffff" />
        <circle cx="308" cy="256" r="92" stroke="#7fd4c8" />
        <path d="M204 164 A92 92 0 0 1 296 256" stroke="#ffffff" />
      </g>
    </Box>
  );
}
