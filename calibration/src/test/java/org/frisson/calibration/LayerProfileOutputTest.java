package org.frisson.calibration;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerProfileOutputTest {

    @TempDir
    Path dir;

    /** Layers given out of depth order; response "hr, mean" needs quoting. */
    private static EncodingProfile profile() {
        double nan = Double.NaN;
        return new EncodingProfile(List.of("conv3", "acoustic", "conv1", "conv2"), new int[] {3, 0, 1, 2},
                List.of("eda", "hr, mean"), List.of("uS", "bpm"),
                new double[][] {{0.1, -0.3}, {0.05, nan}, {0.2, -0.1}, {0.6, -0.2}},
                new double[][] {{0.2, 0.9}, {0.4, nan}, {0.03, 0.7}, {0.005, 0.8}},
                new double[][] {{10, 100}, {1, 1}, {10, 1000}, {100, 1e6}},
                new double[] {(1 * 0.2 + 2 * 0.6 + 3 * 0.1) / 0.9, nan}, new int[] {3, 2}, List.of(
                        fakeModel("conv2", "eda"), fakeModel("conv1", "hr, mean")));
    }

    private static EncodingModel fakeModel(String layer, String response) {
        return EncodingModel.of(layer, response, 1, new double[] {0}, new double[][] {{1}}, new double[] {1},
                new int[] {0}, new double[] {1}, 0);
    }

    @Test
    void theTableHasARowPerLayerAndResponseInDepthOrderAndACentroidRow() throws IOException {
        Path file = dir.resolve("profile.csv");
        LayerProfileTable.write(profile(), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(
                "layer,depth,response,unit,r,p,lambda",
                "acoustic,0,eda,uS,0.05,0.4,1.0",
                "conv1,1,eda,uS,0.2,0.03,10.0",
                "conv2,2,eda,uS,0.6,0.005,100.0",
                "conv3,3,eda,uS,0.1,0.2,10.0",
                "centroid,1.8888888888888888,eda,uS,,,",
                "acoustic,0,\"hr, mean\",bpm,NaN,NaN,1.0",
                "conv1,1,\"hr, mean\",bpm,-0.1,0.7,1000.0",
                "conv2,2,\"hr, mean\",bpm,-0.2,0.8,1000000.0",
                "conv3,3,\"hr, mean\",bpm,-0.3,0.9,100.0",
                "centroid,NaN,\"hr, mean\",bpm,,,"), lines);
    }

    @Test
    void theFigureColoursCellsByRAndMarksBestAndCentroid() throws IOException {
        EncodingProfile profile = profile();
        Path file = dir.resolve("profile.png");
        LayerProfileFigure.write(profile, file);
        BufferedImage png = ImageIO.read(file.toFile());
        LayerProfileFigure.Layout layout = LayerProfileFigure.Layout.of(profile);
        assertEquals(layout.width(), png.getWidth());
        assertEquals(layout.height(), png.getHeight());
        // columns by depth: acoustic, conv1, conv2, conv3; the eda row's conv2 cell (r 0.6, the maximum) is the reddest
        Color conv2 = cellColour(png, layout, 2, 0);
        Color conv1 = cellColour(png, layout, 1, 0);
        assertTrue(conv2.getRed() > conv2.getBlue() + 100, "strong positive r is red: " + conv2);
        assertTrue(conv2.getGreen() < conv1.getGreen(), "larger r, deeper red");
        Color negative = cellColour(png, layout, 3, 1);
        assertTrue(negative.getBlue() > negative.getRed(), "negative r is blue: " + negative);
        // the best layer's outline: black pixels on the cell's left edge
        int x = layout.left() + 2 * LayerProfileFigure.CELL_WIDTH + 1;
        int y = layout.top() + LayerProfileFigure.CELL_HEIGHT / 2;
        assertTrue(dark(png.getRGB(x, y)), "outline of the best layer");
        // the centroid triangle for eda at depth 1.89: between the conv1 and conv2 column centres
        double cx = layout.depthX(profile, profile.centroid()[0]);
        assertTrue(cx > layout.columnCentre(1) && cx < layout.columnCentre(2));
        assertTrue(dark(png.getRGB((int) Math.round(cx), layout.top() + LayerProfileFigure.CELL_HEIGHT - 3)),
                "centroid marker");
        assertTrue(colours(png) > 50, "a drawing with text and colour");
    }

    private static Color cellColour(BufferedImage png, LayerProfileFigure.Layout layout, int column, int row) {
        // a pixel near the cell's top-left corner, clear of the text, the outline and the marker
        int x = layout.left() + column * LayerProfileFigure.CELL_WIDTH + 6;
        int y = layout.top() + row * LayerProfileFigure.CELL_HEIGHT + 4;
        return new Color(png.getRGB(x, y));
    }

    private static boolean dark(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() + c.getGreen() + c.getBlue() < 150;
    }

    private static int colours(BufferedImage png) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 2) {
            for (int x = 0; x < png.getWidth(); x += 2) {
                seen.add(png.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
