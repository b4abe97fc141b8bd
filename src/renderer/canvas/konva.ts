/** Konva's core and only the shapes Lanvas draws with, so the bundle carries nothing else. */
import Konva from 'konva/lib/Core';
import { Arrow } from 'konva/lib/shapes/Arrow';
import { Ellipse } from 'konva/lib/shapes/Ellipse';
import { Image } from 'konva/lib/shapes/Image';
import { Line } from 'konva/lib/shapes/Line';
import { Rect } from 'konva/lib/shapes/Rect';
import { Text } from 'konva/lib/shapes/Text';
import { Transformer } from 'konva/lib/shapes/Transformer';

export { Konva, Arrow, Ellipse, Image, Line, Rect, Text, Transformer };
export type KonvaNode = InstanceType<typeof Konva.Node>;
